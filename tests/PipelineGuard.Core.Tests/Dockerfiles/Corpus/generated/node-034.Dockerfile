# syntax=docker/dockerfile:1
# Production image
FROM node:lts

COPY package*.json ./
RUN yarn install --frozen-lockfile && yarn cache clean
COPY . .
RUN npm run build
RUN apk update && apk add --no-cache dumb-init
USER 10001
EXPOSE 3000
CMD ["node", "dist/main.js"]
