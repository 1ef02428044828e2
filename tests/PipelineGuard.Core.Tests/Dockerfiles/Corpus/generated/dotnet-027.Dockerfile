# syntax=docker/dockerfile:1
# Production image
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Web/Web.csproj Web/
RUN dotnet restore Web/Web.csproj
COPY . .
RUN dotnet publish Web/Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final

EXPOSE 80
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl unzip jq gnupg \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/publish .
USER root
ENTRYPOINT ["dotnet", "Web.dll"]
