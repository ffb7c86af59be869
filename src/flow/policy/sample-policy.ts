/**
 * The sample approval policy as text, importable without the file system (demo seed, web
 * editor). Kept identical to sample-policy.yaml; a test compares them.
 */
export const samplePolicySource = `# Northwind Labs approval policy (sample).
# Stages run in order; the steps of a stage run in parallel. Money is in cents:
# 2500000 is $25,000. Business hours are 9:00-17:00 Monday-Friday in the
# approver's time zone, skipping US federal holidays and the company calendar.
stages:
  - key: comp
    name: Compensation review
    phase: compensation
    steps:
      - key: finance
        name: Finance
        when:
          any:
            - { field: facts.aboveBandMax, op: eq, value: true }
            - { field: facts.overBudget, op: eq, value: true }
            - { field: compensation.signOnBonusCents, op: gt, value: 2500000 }   # sign-on over $25,000
            - { field: facts.marginPercent, op: lt, value: 20 }                  # staffing margin under 20%
        approvers:
          - { role: finance }
        quorum: any
        sla: { businessHours: 16 }
        reminders: { afterBusinessHours: [8, 14] }
        escalateTo: { user: admin@northwind.example }
        covers: [compensation, staffing.payRateCents, staffing.billRateCents]

      - key: hrbp
        name: HR business partner
        when:
          any:
            - { field: facts.belowBandMin, op: eq, value: true }
            - { field: facts.hasBand, op: eq, value: false }
            - { field: level, op: in, value: [L7, L8, E1, E2, E3] }             # senior and executive levels
        approvers:
          - { relation: department_hrbp }
        sla: { businessHours: 16 }
        reminders: { afterBusinessHours: [8] }
        escalateTo: { role: hr_ops }
        covers: [level, title, departmentId, location, compensation.baseSalaryCents, compensation.hourlyRateCents]

      - key: skip_level
        name: Hiring manager's manager
        when: { field: facts.firstYearCashCents, op: gt, value: 25000000 }    # first-year cash over $250,000
        approvers:
          - { relation: hiring_manager_manager }
        sla: { businessHours: 24 }
        reminders: { afterBusinessHours: [8, 16] }
        escalateTo: { role: admin }
        covers: [compensation]

      - key: payroll
        name: Payroll
        when:
          any:
            - { field: flsaStatus, op: eq, value: non_exempt }
            - all:
                - { field: compensation.payBasis, op: eq, value: hourly }
                - { field: location.state, op: in, value: [CA, NY, WA, CO] }   # states with daily or local overtime rules
        approvers:
          - { role: payroll }
        sla: { businessHours: 8 }
        covers: [flsaStatus, employmentType, compensation.payBasis, compensation.hourlyRateCents, location.state]

      - key: classification
        name: Worker classification
        when: { field: employmentType, op: in, value: [contract_1099, corp_to_corp] }
        approvers:
          - { role: legal }
          - { role: hr_ops }
        quorum: all
        sla: { businessHours: 24 }
        covers: [employmentType, staffing]

  - key: exec
    name: Executive compensation
    phase: compensation
    when: { field: level, op: in, value: [E1, E2, E3] }
    steps:
      - key: committee
        name: Compensation committee
        approvers:
          - { user: admin@northwind.example }
          - { user: finance@northwind.example }
          - { user: hrbp@northwind.example }
        quorum: { atLeast: 2 }
        sla: { businessHours: 40 }
        reminders: { afterBusinessHours: [16, 32] }
        covers: [compensation, level, title]

  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: hiring_manager
        name: Hiring manager
        approvers:
          - { relation: requisition_hiring_manager }
        sla: { businessHours: 8 }
        reminders: { afterBusinessHours: [4] }
        escalateTo: { relation: hiring_manager_manager }
        covers: [title, level, startDate, compensation]

      - key: legal
        name: Legal
        when:
          any:
            - { field: facts.nonStandardClauses, op: eq, value: true }
            - all:                                                              # non-competes are void or limited here
                - { field: clauses, op: contains, value: non_compete }
                - { field: location.state, op: in, value: [CA, MN, ND, OK] }
        approvers:
          - { role: legal }
        sla: { businessHours: 16 }
        reminders: { afterBusinessHours: [8] }
        escalateTo: { role: admin }
        covers: [clauses, location.state]

      - key: client
        name: Client approval
        when: { field: staffing.clientName, op: exists }
        approvers:
          - { role: client_approver }
        sla: { businessHours: 24 }
        reminders: { afterBusinessHours: [8, 16] }
        covers: [staffing, title, startDate]

  - key: rescind
    name: Rescind approval
    phase: rescind                                                         # runs only when a sent offer is to be rescinded
    steps:
      - key: hr_or_legal
        name: HR business partner or legal
        approvers:
          - { relation: department_hrbp }
          - { role: legal }
        quorum: any
        sla: { businessHours: 8 }
        reminders: { afterBusinessHours: [4] }
`;

/** The e-mail addresses the sample names, all users of the demo organisation. */
export const samplePolicyUserEmails = ['admin@northwind.example', 'finance@northwind.example', 'hrbp@northwind.example'] as const;
