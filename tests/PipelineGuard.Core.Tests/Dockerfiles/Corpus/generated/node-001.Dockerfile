# syntax=docker/dockerfile:1
# CI image
FROM node:20-bookworm-slim

COPY package*.json ./
RUN npm ci
RUN npm install -g pm2@5.4.0
COPY . .
RUN npm run build
EXPOSE 3000
CMD ["node", "dist/main.js"]
