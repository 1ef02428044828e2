# Production image
FROM node:lts
WORKDIR /usr/src/app
COPY package*.json ./
RUN yarn install --frozen-lockfile
COPY . .
RUN npm run build
RUN apk add --no-cache tini=0.19.0-r3
EXPOSE 3000/tcp
CMD ["npm", "start"]
