# Production image
FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
RUN npm install -g typescript@5.4.5 @nestjs/cli@10.3.2
COPY . .
RUN npm run build
RUN apk update && apk add --no-cache dumb-init
USER 10001
EXPOSE 3000/tcp
CMD ["node", "dist/main.js"]
