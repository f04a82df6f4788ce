// The scoring service: a Flex Consumption plan and its function app (Node.js 22), every setting
// the service reads in production (functions/src/config.ts), and nothing Flex refuses or
// ignores (no FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE,
// WEBSITE_CONTENTSHARE, SCM_DO_BUILD_DURING_DEPLOYMENT or WEBSITE_TIME_ZONE: the time zone is
// the service's own setting). No platform CORS: the service answers CORS itself, because the
// platform's replaces the app's headers and cannot expose ETag to the pane.
param name string
param location string
param tags object
param planName string
param instanceMemoryMB int
param maximumInstanceCount int
param storageAccountName string
param deploymentContainerName string
param identityId string
param identityClientId string
param applicationInsightsName string
param corsOrigin string
param authTenantId string
param authAudience string
param apiScope string
param addinClientId string
param timeZone string
param publishApprovals int
param rulesetsTable string
param currentRulesetTtlMs int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: { name: 'node', version: '22' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: {
      // The host's own storage, by identity.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // The host's request body limit, above the service's largest (a consolidation of 100
      // workbooks, MAX_CONSOLIDATE_REQUEST_BYTES), so that the service answers its own 413.
      FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '1073741824'
      // The service (functions/src/config.ts).
      SMARTCITY_ENVIRONMENT: 'production'
      SMARTCITY_STORAGE_ACCOUNT_URL: storage.properties.primaryEndpoints.table
      AZURE_CLIENT_ID: identityClientId
      SMARTCITY_RULESETS_TABLE: rulesetsTable
      SMARTCITY_AUTH_MODE: 'entra'
      SMARTCITY_AUTH_TENANT_ID: authTenantId
      SMARTCITY_AUTH_AUDIENCE: authAudience
      SMARTCITY_API_SCOPE: apiScope
      SMARTCITY_ADDIN_CLIENT_ID: addinClientId
      SMARTCITY_CORS_ORIGINS: corsOrigin
      SMARTCITY_TIME_ZONE: timeZone
      SMARTCITY_PUBLISH_APPROVALS: string(publishApprovals)
      SMARTCITY_CURRENT_RULESET_TTL_MS: string(currentRulesetTtlMs)
    }
  }
}

output name string = app.name
output defaultHostname string = app.properties.defaultHostName
