# CI image
FROM node:18
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
RUN npm run build
USER 1000:1000
EXPOSE 8080
CMD ["node", "dist/main.js"]
