// FedAvg.Functions on Azure: a Linux Function App (.NET 10 isolated worker) on the Flex Consumption
// plan, its storage account reached through the app's managed identity only (no keys anywhere), and
// workspace-based Application Insights with Microsoft Entra authentication.
//
//   az deployment group create -g <resource group> -f infra/main.bicep [-p namePrefix=fedavg]
//
// infra/build.sh compiles this file to infra/bin/main.json and lints it; tests/Infra.Tests checks the
// compiled template. See docs/deploy.md.

targetScope = 'resourceGroup'

@description('Region for every resource. Defaults to the resource group\'s region, which must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Short prefix for resource names: 3-11 lowercase letters or digits, starting with a letter (it becomes part of the storage account name).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'fedavg'

@description('Memory of each Flex Consumption instance in MB. TorchSharp training needs room: keep 4096 unless the app only serves predictions.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 4096

@description('Most instances the app may scale out to. Bounds the cost of a run; training fans out one activity per client.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Tags applied to every resource.')
param tags object = {}

// uniqueString is stable for a given subscription, resource group and prefix, so a redeployment
// updates the same resources.
var token = uniqueString(subscription().id, resourceGroup().id, namePrefix)
var storageAccountName = take('${namePrefix}st${token}', 24)
var functionAppName = '${namePrefix}-func-${token}'
var deploymentContainerName = 'app-package'

// ---------------------------------------------------------------------------------------------
// Storage: the Functions host (AzureWebJobsStorage), the Durable Task Azure Storage backend
// (queues, tables, blobs), the Flex Consumption deployment package and FedAvg's own containers.
// Shared keys are disabled: every caller authenticates with Microsoft Entra ID.
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

// The Flex Consumption deployment package (written by `az functionapp deploy` / `func ... publish`).
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// CIFAR-10 and the per-client shards.
resource dataContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'data'
  properties: {
    publicAccess: 'None'
  }
}

// Per-run state and metrics.
resource runsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'runs'
  properties: {
    publicAccess: 'None'
  }
}

// Global model checkpoints, read by /api/predict.
resource modelsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'models'
  properties: {
    publicAccess: 'None'
  }
}

// ---------------------------------------------------------------------------------------------
// Monitoring: Log Analytics + workspace-based Application Insights. Local (instrumentation key)
// authentication is off; the app sends telemetry with its identity (Monitoring Metrics Publisher).
// ---------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-log-${token}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

// ---------------------------------------------------------------------------------------------
// The Function App on Flex Consumption (Linux only).
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: '${namePrefix}-plan-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Identity-based connections only. Flex Consumption takes the worker runtime from
      // functionAppConfig.runtime, so FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION are not set.
      appSettings: [
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          // FedAvg's own containers (data, runs, models) in the same account, same identity.
          name: 'FedAvgStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'FedAvgStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          // The system-assigned identity authenticates telemetry (DisableLocalAuth is on).
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
      ]
    }
  }
}

// No FTP publishing with basic credentials.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

// ---------------------------------------------------------------------------------------------
// Role assignments for the app's system-assigned identity (built-in role definition IDs).
// The Functions host and the Durable Task Azure Storage backend use blobs (leases, large payloads,
// the deployment package), queues (control and work-item queues) and tables (history, instances).
// ---------------------------------------------------------------------------------------------

resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: storage
  properties: {
    // Storage Blob Data Owner
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storage
  properties: {
    // Storage Queue Data Contributor
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storage
  properties: {
    // Storage Table Data Contributor
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, '3913510d-42f4-4e42-8a64-420c390055eb')
  scope: appInsights
  properties: {
    // Monitoring Metrics Publisher
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the Function App (for `az functionapp deploy -n` and `func azure functionapp publish`).')
output functionAppName string = functionApp.name

@description('Base URL of the app; the API is under /api.')
output functionAppUrl string = 'https://${functionApp.properties.defaultHostName}'

@description('Name of the storage account holding the data, runs and models containers.')
output storageAccountName string = storage.name
