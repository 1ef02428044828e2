# Build and run the service
FROM node:lts AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN yarn install --frozen-lockfile
RUN npm install -g typescript@5.4.5 @nestjs/cli@10.3.2
COPY . .
RUN npm run build

FROM node:lts
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/node_modules ./node_modules
USER nonroot
EXPOSE 3000
CMD ["npm", "start"]
