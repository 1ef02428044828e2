# syntax=docker/dockerfile:1
# Build and run the service
FROM node:20.14 AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN yarn install --frozen-lockfile && yarn cache clean
RUN npm install -g pm2@5.4.0
COPY . .
RUN npm run build

FROM node:20.14
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
USER app
EXPOSE 3000/tcp
CMD ["npm", "start"]
