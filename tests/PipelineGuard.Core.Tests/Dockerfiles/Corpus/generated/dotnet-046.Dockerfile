# syntax=docker/dockerfile:1
# Production image
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Orders.Service/Orders.Service.csproj Orders.Service/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Orders.Service/Orders.Service.csproj
COPY . .
RUN dotnet publish Orders.Service/Orders.Service.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final
WORKDIR /app
EXPOSE 8080
COPY --from=build /app/publish .
USER 1000:1000
ENTRYPOINT ["dotnet", "Orders.Service.dll"]
