import type { Role } from '../../core/roles';
import { Rng } from './random';

/** The shape of the generated organisation; every count is per the unit it names. */
export interface OrgDimensions {
  businessUnits: number;
  departmentsPerUnit: number;
  recruitersPerUnit: number;
  hiringManagersPerDepartment: number;
  /** HR business partners; each department gets one of them. */
  hrbps: number;
  finance: number;
  payroll: number;
  legal: number;
  hrOps: number;
  clientApprovers: number;
}

export const defaultDimensions: OrgDimensions = {
  businessUnits: 6,
  departmentsPerUnit: 7,
  recruitersPerUnit: 20,
  hiringManagersPerDepartment: 5,
  hrbps: 14,
  finance: 8,
  payroll: 4,
  legal: 5,
  hrOps: 4,
  clientApprovers: 3,
};

/** Levels with their share of offers and a base salary midpoint in dollars. */
export const levels: readonly { level: string; weight: number; mid: number }[] = [
  { level: 'L1', weight: 8, mid: 62_000 },
  { level: 'L2', weight: 16, mid: 78_000 },
  { level: 'L3', weight: 22, mid: 98_000 },
  { level: 'L4', weight: 20, mid: 125_000 },
  { level: 'L5', weight: 14, mid: 155_000 },
  { level: 'L6', weight: 9, mid: 190_000 },
  { level: 'L7', weight: 5, mid: 235_000 },
  { level: 'L8', weight: 2.5, mid: 290_000 },
  { level: 'E1', weight: 2, mid: 330_000 },
  { level: 'E2', weight: 1, mid: 400_000 },
  { level: 'E3', weight: 0.5, mid: 480_000 },
];

export const employmentTypeWeights = {
  full_time: 80,
  part_time: 5,
  contract_w2: 6,
  contract_1099: 3,
  corp_to_corp: 2,
  temp_to_hire: 4,
} as const;
export type GeneratedEmploymentType = keyof typeof employmentTypeWeights;

export interface PlannedUser {
  id: string;
  email: string;
  name: string;
  roles: { role: Role; businessUnitId: string | null }[];
}

export interface PlannedDepartment {
  id: string;
  businessUnitId: string;
  name: string;
  family: string;
  hrbpId: string;
  hiringManagerIds: string[];
}

export interface OrgPlan {
  org: { id: string; name: string; slug: string };
  businessUnits: { id: string; name: string; weight: number }[];
  departments: PlannedDepartment[];
  users: PlannedUser[];
  recruitersByUnit: Map<string, string[]>;
  finance: string[];
  payroll: string[];
  legal: string[];
  hrOps: string[];
  clientApprovers: string[];
  /** The users the sample policy names (admin, finance and HRBP leads: the executive committee). */
  committee: string[];
  adminId: string;
  /** The recruiting-operations lead (HR ops and recruiter, organisation-wide): who the board benchmark signs in as. */
  opsLeadId: string;
  /** Approval policy and its version 1 (the sample policy, addressed to this organisation's domain). */
  policyId: string;
  policyVersionId: string;
}

const unitNames = ['Engineering', 'Sales', 'Operations', 'Customer Success', 'Finance & Legal', 'Marketing', 'Product', 'People', 'Research', 'Staffing Services'];
const familyOf: Record<string, string> = {
  Engineering: 'engineering',
  Sales: 'sales',
  Operations: 'operations',
  'Customer Success': 'support',
  'Finance & Legal': 'corporate',
  Marketing: 'marketing',
  Product: 'product',
  People: 'corporate',
  Research: 'engineering',
  'Staffing Services': 'staffing',
};
const departmentWords = ['Platform', 'Core', 'Growth', 'Enterprise', 'Field', 'Insights', 'Payments', 'Mobile', 'Infrastructure', 'Partners', 'EMEA', 'Commercial', 'Quality', 'Strategy'];
export const firstNames = ['Dana', 'Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Parker', 'Rowan', 'Emerson', 'Hayden', 'Kai', 'Logan', 'Reese', 'Skyler', 'Drew', 'Priya', 'Wei', 'Amara', 'Mateo', 'Noor', 'Ines', 'Kenji', 'Olu', 'Freya', 'Luca'];
export const lastNames = ['Lee', 'Garcia', 'Smith', 'Nguyen', 'Patel', 'Kim', 'Johnson', 'Brown', 'Martinez', 'Chen', 'Okafor', 'Silva', 'Cohen', 'Rossi', 'Novak', 'Haddad', 'Ivanova', 'Tanaka', 'Murphy', 'Schmidt', 'Dubois', 'Kowalski', 'Andersen', 'Moreau', 'Singh', 'Costa', 'Yilmaz', 'Walker', 'Hughes', 'Ortiz'];

/** A deterministic organisation: units, departments, people and their roles. */
export function planOrganisation(seed: number, dims: OrgDimensions = defaultDimensions, slug = 'generated'): OrgPlan {
  const rng = Rng.derive(seed, -1);
  const domain = `${slug}.example`;
  const users: PlannedUser[] = [];
  let n = 0;
  const person = (label: string, roles: PlannedUser['roles'], email?: string): string => {
    n += 1;
    const id = rng.uuid();
    const name = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
    users.push({ id, email: email ?? `${label}${n}@${domain}`, name, roles });
    return id;
  };
  const org = { id: rng.uuid(), name: `Generated Co (${slug})`, slug };
  const adminId = person('admin', [{ role: 'admin', businessUnitId: null }], `admin@${domain}`);
  const financeLead = person('finance', [{ role: 'finance', businessUnitId: null }], `finance@${domain}`);
  const hrbpLead = person('hrbp', [{ role: 'hrbp', businessUnitId: null }], `hrbp@${domain}`);
  const many = (count: number, label: string, role: Role) => Array.from({ length: count }, () => person(label, [{ role, businessUnitId: null }]));
  const finance = [financeLead, ...many(Math.max(0, dims.finance - 1), 'finance', 'finance')];
  const hrbps = [hrbpLead, ...many(Math.max(0, dims.hrbps - 1), 'hrbp', 'hrbp')];
  const payroll = many(dims.payroll, 'payroll', 'payroll');
  const legal = many(dims.legal, 'legal', 'legal');
  const hrOps = many(dims.hrOps, 'hrops', 'hr_ops');
  const clientApprovers = many(dims.clientApprovers, 'client', 'client_approver');
  const opsLeadId = hrOps[0] ?? person('hrops', [{ role: 'hr_ops', businessUnitId: null }]);
  // The recruiting-operations lead also recruits across the organisation (every offer in reach).
  users.find((u) => u.id === opsLeadId)!.roles.push({ role: 'recruiter', businessUnitId: null });
  const businessUnits = Array.from({ length: dims.businessUnits }, (_, i) => ({
    id: rng.uuid(),
    name: unitNames[i % unitNames.length]! + (i >= unitNames.length ? ` ${Math.floor(i / unitNames.length) + 1}` : ''),
    // Uneven units: the first is the largest.
    weight: 1 / (1 + i * 0.35),
  }));
  const departments: PlannedDepartment[] = [];
  const recruitersByUnit = new Map<string, string[]>();
  let d = 0;
  for (const bu of businessUnits) {
    const base = bu.name.replace(/ \d+$/, '');
    recruitersByUnit.set(bu.id, many(dims.recruitersPerUnit, 'recruiter', 'recruiter').map((id) => {
      users.find((u) => u.id === id)!.roles = [{ role: 'recruiter', businessUnitId: bu.id }];
      return id;
    }));
    for (let i = 0; i < dims.departmentsPerUnit; i++, d++) {
      const id = rng.uuid();
      const hiringManagerIds = Array.from({ length: dims.hiringManagersPerDepartment }, () =>
        person('manager', [{ role: 'hiring_manager', businessUnitId: bu.id }]),
      );
      departments.push({
        id,
        businessUnitId: bu.id,
        name: `${base} ${departmentWords[i % departmentWords.length]}${i >= departmentWords.length ? ` ${i}` : ''}`,
        family: familyOf[base] ?? 'operations',
        hrbpId: hrbps[d % hrbps.length]!,
        hiringManagerIds,
      });
    }
  }
  return {
    org,
    businessUnits,
    departments,
    users,
    recruitersByUnit,
    finance,
    payroll,
    legal,
    hrOps,
    clientApprovers,
    committee: [adminId, financeLead, hrbpLead],
    adminId,
    opsLeadId,
    policyId: rng.uuid(),
    policyVersionId: rng.uuid(),
  };
}
