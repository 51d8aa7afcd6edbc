// The project's test plans by id and name, for mapping plans to stages and cycles.

import { TestPlanRestClient } from "azure-devops-extension-api/TestPlan";
import type { AdoConnection } from "./clients";

export interface TestPlanName {
  id: number;
  name: string;
}

/** Every test plan of the project, following continuation tokens; sorted by id. */
export async function listTestPlans(connection: AdoConnection): Promise<TestPlanName[]> {
  const client = connection.client(TestPlanRestClient);
  const plans: TestPlanName[] = [];
  let token: string | undefined;
  for (let page = 0; page < 100; page++) {
    const answer = await client.getTestPlans(connection.projectName, undefined, token);
    for (const plan of answer ?? []) plans.push({ id: plan.id, name: plan.name });
    token = (answer as { continuationToken?: string } | null)?.continuationToken;
    if (!token) break;
  }
  return plans.sort((a, b) => a.id - b.id);
}
