# syntax=docker/dockerfile:1
# CI image
FROM node:22-alpine
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
RUN npm install -g pm2
COPY . .
RUN npm run build
USER nonroot
EXPOSE 3000
CMD node dist/main.js
