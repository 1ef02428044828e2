# CI image
FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Orders.Service/Orders.Service.csproj Orders.Service/
RUN dotnet restore Orders.Service/Orders.Service.csproj
COPY . .
RUN dotnet publish Orders.Service/Orders.Service.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:9.0-alpine AS final
WORKDIR /app
EXPOSE 80
RUN apt-get update \
    && apt-get install -y ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/publish .
USER nonroot
ENTRYPOINT ["dotnet", "Orders.Service.dll"]
