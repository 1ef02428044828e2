# Build and run the service
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Orders.Service/Orders.Service.csproj Orders.Service/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Orders.Service/Orders.Service.csproj
COPY . .
RUN dotnet publish Orders.Service/Orders.Service.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM build AS test
RUN dotnet test --no-build

FROM ${REGISTRY}/dotnet/aspnet:9.0-alpine AS final
WORKDIR /app
EXPOSE 80
COPY --from=build /app/publish .
USER 1000:1000
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:8080/health"]
ENTRYPOINT ["dotnet", "Orders.Service.dll"]
