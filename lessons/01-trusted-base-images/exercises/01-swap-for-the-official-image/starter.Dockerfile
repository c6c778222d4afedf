FROM nodeforge/node-pm2:22
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
CMD ["pm2-runtime", "server.js"]
