# Production image
FROM node:22-alpine
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
RUN npm run build
USER nonroot
EXPOSE 3000
CMD ["npm", "start"]
