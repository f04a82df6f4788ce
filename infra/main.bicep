// Everything the scoring toolkit needs in one subscription, after Microsoft's Flex Consumption
// template for TypeScript (Azure-Samples/functions-quickstart-typescript-azd: main.bicep,
// app/api.bicep, app/rbac.bicep), without its VNet option. `azd up` deploys it (azure.yaml).
targetScope = 'subscription'

extension microsoftGraphV1

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; a short hash of it names every resource.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer Flex Consumption.')
@metadata({ azd: { type: 'location' } })
param location string

@minValue(40)
@maxValue(1000)
@description('Most instances the app scales out to (Flex Consumption allows 40 to 1000).')
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
@description('Memory per instance in MB (Flex Consumption offers 512, 2048 or 4096).')
param instanceMemoryMB int = 2048

@minValue(0)
@maxValue(99)
@description('Admins, other than the proposer, who must approve a new ruleset version (SMARTCITY_PUBLISH_APPROVALS).')
param publishApprovals int = 1

@description('The committee\'s time zone, IANA (SMARTCITY_TIME_ZONE): "today", effective dates, asOf.')
param timeZone string = 'Asia/Bangkok'

@description('The rulesets table (SMARTCITY_RULESETS_TABLE).')
param rulesetsTable string = 'rulesets'

@description('How long an instance trusts the pointer to the ruleset in force, ms (SMARTCITY_CURRENT_RULESET_TTL_MS).')
param currentRulesetTtlMs int = 5000

@description('Where the Static Web App for the add-in runs (it is global; this is its metadata\'s region).')
param addinLocation string = 'eastasia'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var apiIdentifierUri = 'api://${tenant().tenantId}/smartcity-scoring-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

// The add-in's files over HTTPS: a Static Web App, declared here, to which azd deploys
// dist/addin (a Storage static website would need a data-plane call Bicep cannot make).
module addinSite 'app/addin-site.bicep' = {
  name: 'addin-site'
  scope: rg
  params: {
    name: 'stapp-addin-${resourceToken}'
    location: addinLocation
    tags: tags
  }
}

module entra 'app/entra.bicep' = {
  name: 'entra'
  params: {
    uniqueSuffix: resourceToken
    apiIdentifierUri: apiIdentifierUri
    addinHost: addinSite.outputs.defaultHostname
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    planName: 'plan-${resourceToken}'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    corsOrigin: 'https://${addinSite.outputs.defaultHostname}'
    authTenantId: tenant().tenantId
    authAudience: entra.outputs.apiAppId
    apiScope: '${apiIdentifierUri}/access_as_user'
    addinClientId: entra.outputs.addinAppId
    timeZone: timeZone
    publishApprovals: publishApprovals
    rulesetsTable: rulesetsTable
    currentRulesetTtlMs: currentRulesetTtlMs
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
// Read by `npm run package` (azure.yaml's hooks) to build the production add-in.
output ADDIN_URL string = 'https://${addinSite.outputs.defaultHostname}/'
output SERVICE_URL string = 'https://${api.outputs.defaultHostname}'
output API_APP_ID string = entra.outputs.apiAppId
output ADDIN_APP_ID string = entra.outputs.addinAppId
