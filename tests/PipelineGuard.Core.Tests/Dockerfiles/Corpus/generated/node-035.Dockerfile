# Build and run the service
FROM node:18 AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
RUN npm install -g pm2@5.4.0
COPY . .
RUN npm run build

FROM node:18
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
RUN apk add --no-cache tini=0.19.0-r3
USER app
EXPOSE 3000/tcp
CMD node dist/main.js
