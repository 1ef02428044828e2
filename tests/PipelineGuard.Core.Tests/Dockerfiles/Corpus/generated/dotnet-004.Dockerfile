# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Web/Web.csproj Web/
RUN dotnet restore Web/Web.csproj
COPY . .
RUN dotnet publish Web/Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:latest AS final
WORKDIR /app
EXPOSE 8080 8081
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata=2024a-0+deb12u1 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/publish .
USER 1000:1000
ENTRYPOINT ["dotnet", "Web.dll"]
