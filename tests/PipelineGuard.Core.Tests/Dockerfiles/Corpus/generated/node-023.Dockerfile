# syntax=docker/dockerfile:1
# CI image
FROM node:20.14
WORKDIR /usr/src/app
COPY package*.json ./
RUN yarn install --frozen-lockfile
COPY . .
RUN npm run build
RUN apk add --no-cache tini=0.19.0-r3
USER app
EXPOSE 3000/tcp
CMD ["node", "dist/main.js"]
