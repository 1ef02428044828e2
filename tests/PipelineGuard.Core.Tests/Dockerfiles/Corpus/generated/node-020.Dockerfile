# syntax=docker/dockerfile:1
# Build and run the service
FROM node:lts AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
RUN npm install -g pm2@5.4.0
COPY . .
RUN npm run build

FROM node:lts
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
RUN apk add tini
EXPOSE 3000
CMD ["node", "dist/main.js"]
