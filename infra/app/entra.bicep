// The two Entra ID app registrations, declared with the Microsoft Graph Bicep extension (the
// deployer needs Application.ReadWrite.All or Application Administrator). Declarative rather
// than `az ad app` commands in hooks: the same text is checked by the tests here, and a second
// `azd provision` changes nothing. Admin consent and role assignments are people's steps
// (docs/deploy.md).
extension microsoftGraphV1

param uniqueSuffix string
param apiIdentifierUri string
@description('The add-in\'s host name (the Static Web App\'s), for its redirect URIs.')
param addinHost string

var scopeId = guid(uniqueSuffix, 'access_as_user')
var roles = [
  {
    value: 'Evaluator'
    displayName: 'Evaluator (ผู้ประเมิน)'
    description: 'Scores applicants\' plans: evaluate, read rulesets.'
  }
  {
    value: 'Secretary'
    displayName: 'Committee secretary (เลขานุการคณะกรรมการ)'
    description: 'Consolidates evaluators\' workbooks.'
  }
  {
    value: 'Admin'
    displayName: 'Admin (ผู้ดูแลชุดเกณฑ์)'
    description: 'Proposes and approves ruleset versions the committee approved.'
  }
]

resource apiApp 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: 'smartcity-scoring-api-${uniqueSuffix}'
  displayName: 'Smart City Scoring API'
  signInAudience: 'AzureADMyOrg'
  identifierUris: [apiIdentifierUri]
  api: {
    // v2 tokens: issuer https://login.microsoftonline.com/<tenant>/v2.0, aud the API's client id.
    requestedAccessTokenVersion: 2
    oauth2PermissionScopes: [
      {
        id: scopeId
        value: 'access_as_user'
        type: 'User'
        isEnabled: true
        adminConsentDisplayName: 'Use the Smart City Scoring API as the signed-in user'
        adminConsentDescription: 'Lets the Excel add-in call the scoring service as the signed-in user.'
        userConsentDisplayName: 'Use the Smart City Scoring API as you'
        userConsentDescription: 'Lets the Excel add-in call the scoring service as you.'
      }
    ]
  }
  appRoles: [
    for role in roles: {
      id: guid(uniqueSuffix, 'role', role.value)
      value: role.value
      displayName: role.displayName
      description: role.description
      allowedMemberTypes: ['User']
      isEnabled: true
    }
  ]
}

resource apiPrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: apiApp.appId
  // Only people assigned one of the roles get a token for the API.
  appRoleAssignmentRequired: true
}

resource addinApp 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: 'smartcity-scoring-addin-${uniqueSuffix}'
  displayName: 'Smart City Scoring Excel add-in'
  signInAudience: 'AzureADMyOrg'
  spa: {
    redirectUris: [
      // Nested app authentication (MSAL.js in Office), then the Office dialog fallback.
      'brk-multihub://${addinHost}'
      'https://${addinHost}/auth-dialog.html'
    ]
  }
  requiredResourceAccess: [
    {
      resourceAppId: apiApp.appId
      resourceAccess: [{ id: scopeId, type: 'Scope' }]
    }
  ]
}

resource addinPrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: addinApp.appId
}

output apiAppId string = apiApp.appId
output addinAppId string = addinApp.appId
output apiPrincipalId string = apiPrincipal.id
output addinPrincipalId string = addinPrincipal.id
