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
COPY --from=build /app/publish .
USER app
ENTRYPOINT ["dotnet", "Orders.Service.dll"]
