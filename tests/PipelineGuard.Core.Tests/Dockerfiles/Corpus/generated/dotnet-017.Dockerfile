# syntax=docker/dockerfile:1
# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:6.0 AS build
WORKDIR /src
COPY Orders.Service/Orders.Service.csproj Orders.Service/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Orders.Service/Orders.Service.csproj
COPY . .
RUN dotnet publish Orders.Service/Orders.Service.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:6.0-alpine AS final
WORKDIR /app
EXPOSE 80
COPY --from=build /app/publish .
USER 1000:1000
ENTRYPOINT ["dotnet", "Orders.Service.dll"]
