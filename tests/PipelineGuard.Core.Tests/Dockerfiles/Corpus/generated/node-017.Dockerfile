# CI image
FROM node:20 AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN yarn install --frozen-lockfile && yarn cache clean
COPY . .
RUN npm run build

FROM node:20
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
USER 1000:1000
EXPOSE 3000/tcp
CMD node dist/main.js
