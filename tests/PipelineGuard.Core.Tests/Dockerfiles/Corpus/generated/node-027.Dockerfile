# CI image
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
RUN npm install -g typescript@5.4.5 @nestjs/cli@10.3.2
COPY . .
RUN npm run build
USER nonroot
EXPOSE 8080
CMD ["node", "dist/main.js"]
