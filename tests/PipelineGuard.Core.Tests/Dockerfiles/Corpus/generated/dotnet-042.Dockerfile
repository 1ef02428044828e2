# syntax=docker/dockerfile:1
# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Orders.Service/Orders.Service.csproj Orders.Service/
RUN dotnet restore Orders.Service/Orders.Service.csproj
COPY . .
RUN dotnet publish Orders.Service/Orders.Service.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:8.0 AS final
WORKDIR /app
EXPOSE 80
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/publish .
USER 1000:1000
ENTRYPOINT ["dotnet", "Orders.Service.dll"]
