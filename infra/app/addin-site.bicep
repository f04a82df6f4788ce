// The built add-in (dist/addin) served over HTTPS. azd deploys it (azure.yaml: host staticwebapp).
param name string
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'addin' })
  sku: { name: 'Free', tier: 'Free' }
  properties: {}
}

output defaultHostname string = site.properties.defaultHostname
