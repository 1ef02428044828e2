# CI image
FROM node:18 AS build

COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
RUN npm run build

FROM node:18
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
RUN apk add --no-cache tini=0.19.0-r3
USER 10001
EXPOSE 8080
CMD ["node", "dist/main.js"]
