# CI image
ARG REGISTRY=mcr.microsoft.com
FROM ${REGISTRY}/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Web/Web.csproj Web/
RUN dotnet restore Web/Web.csproj
COPY . .
RUN dotnet publish Web/Web.csproj -c Release -o /app/publish /p:UseAppHost=false

FROM build AS test
RUN dotnet test --no-build

FROM ${REGISTRY}/dotnet/aspnet:8.0-alpine AS final

EXPOSE 8080
COPY --from=build /app/publish .
USER nonroot
ENTRYPOINT ["dotnet", "Web.dll"]
