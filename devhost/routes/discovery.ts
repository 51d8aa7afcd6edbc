// How clients find the API: OPTIONS /{organization}/_apis[/{area}] lists resource locations,
// _apis/ResourceAreas maps area ids to URLs, _apis/ConnectionData says who is connected.
import { ApiCall, ApiRouter } from "../http/api";
import { identityRef } from "../wit/render";
import { ALL_LOCATIONS, Locations, RESOURCE_AREAS } from "../http/locations";

export function registerDiscoveryRoutes(api: ApiRouter): void {
  for (const scope of ["collection", "project"] as const) {
    api.raw(scope, "OPTIONS", "/_apis", resourceLocations);
    api.raw(scope, "OPTIONS", "/_apis/:area", resourceLocations);
  }
  api.resource(Locations.location.resourceAreas, { GET: resourceAreas });
  // Clients ask for connection data before they know any api-version (WebApi.connect()).
  api.resource(Locations.location.connectionData, { GET: connectionData }, { versioned: false });
}

function resourceLocations(call: ApiCall) {
  const area = call.params.area?.toLowerCase();
  return ALL_LOCATIONS.filter((l) => area === undefined || l.area.toLowerCase() === area);
}

function resourceAreas(call: ApiCall) {
  const { ctx, params } = call;
  const areas = RESOURCE_AREAS.map((area) => ({ id: area.id, name: area.name, locationUrl: `${ctx.urls.collection()}/` }));
  if (params.areaId === undefined) return areas;
  return areas.find((a) => a.id === params.areaId!.toLowerCase() || a.name.toLowerCase() === params.areaId!.toLowerCase()) ?? null;
}

function connectionData(call: ApiCall) {
  const { ctx } = call;
  const user = identityRef(ctx, ctx.user.uniqueName);
  const identity = { id: ctx.user.id, descriptor: user.descriptor, subjectDescriptor: user.descriptor, providerDisplayName: ctx.user.displayName, isActive: true, properties: {} };
  return {
    authenticatedUser: identity,
    authorizedUser: identity,
    instanceId: ctx.organization.id,
    deploymentId: ctx.organization.id,
    deploymentType: "hosted",
    locationServiceData: {
      serviceOwner: "00025394-6065-48ca-87d9-7f5672854ef7",
      defaultAccessMappingMoniker: "PublicAccessMapping",
      lastChangeId: 1,
      lastChangeId64: 1,
      accessMappings: [{ displayName: "Public Access Mapping", moniker: "PublicAccessMapping", accessPoint: `${ctx.urls.collection()}/` }],
    },
  };
}
