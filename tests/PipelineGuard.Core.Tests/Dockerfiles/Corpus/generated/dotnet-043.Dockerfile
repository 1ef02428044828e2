# syntax=docker/dockerfile:1
# Build and run the service
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:6.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:6.0 AS final

EXPOSE 5000
COPY --from=build /app/publish .
ENTRYPOINT dotnet Api.dll
