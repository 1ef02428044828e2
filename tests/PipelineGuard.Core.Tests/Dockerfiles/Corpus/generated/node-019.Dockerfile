# CI image
FROM node:20.14

COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
RUN npm run build
USER 1000:1000
EXPOSE 3000
CMD node dist/main.js
