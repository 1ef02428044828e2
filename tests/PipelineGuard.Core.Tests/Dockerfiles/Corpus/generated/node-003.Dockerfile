# syntax=docker/dockerfile:1
# Build and run the service
FROM node:20.14 AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN yarn install --frozen-lockfile
COPY . .
RUN npm run build

FROM node:20.14
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
EXPOSE 8080
CMD ["npm", "start"]
