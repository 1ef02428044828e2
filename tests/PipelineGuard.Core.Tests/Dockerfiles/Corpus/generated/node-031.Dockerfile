# syntax=docker/dockerfile:1
# Production image
FROM node:18 AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN yarn install --frozen-lockfile
COPY . .
RUN npm run build

FROM node:18
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
RUN apk add tini
USER 1000:1000
EXPOSE 8080
CMD node dist/main.js
