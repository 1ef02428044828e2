# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:6.0 AS build
WORKDIR /src
COPY Orders.Service/Orders.Service.csproj Orders.Service/
RUN dotnet restore Orders.Service/Orders.Service.csproj
COPY . .
RUN dotnet publish Orders.Service/Orders.Service.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:6.0 AS final

EXPOSE 8080
RUN apt-get update \
    && apt-get install -y libpq5 unzip ca-certificates
COPY --from=build /app/publish .
USER root
ENTRYPOINT ["dotnet", "Orders.Service.dll"]
