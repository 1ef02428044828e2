# CI image
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Web/Web.csproj Web/
RUN dotnet restore Web/Web.csproj
COPY . .
RUN dotnet publish Web/Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine AS final
WORKDIR /app
EXPOSE 8080
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates=20230311 libpq5=15.7-0+deb12u1 tzdata=2024a-0+deb12u1 unzip=6.0-28 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/publish .
USER nonroot
ENTRYPOINT ["dotnet", "Web.dll"]
