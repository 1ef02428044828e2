# Build and run the service
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:9.0 AS build
WORKDIR /src
COPY Web/Web.csproj Web/
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore Web/Web.csproj
COPY . .
RUN dotnet publish Web/Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM ${REGISTRY}/dotnet/runtime:9.0 AS final
WORKDIR /app
EXPOSE 8080 8081
COPY --from=build /app/publish .
USER root
ENTRYPOINT ["dotnet", "Web.dll"]
