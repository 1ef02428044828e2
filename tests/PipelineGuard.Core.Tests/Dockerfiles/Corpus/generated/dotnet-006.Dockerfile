# Production image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/aspnet:latest AS final

EXPOSE 80
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "Api.dll"]
