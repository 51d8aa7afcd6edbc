// Schema migrations, applied in order; schema_version records the last one applied. Append new
// migrations to the end, never edit one that has shipped.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "organization, identities, processes, fields, projects, work items, extension data",
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        unique_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        is_project_collection_admin INTEGER NOT NULL DEFAULT 0
      );

      -- Only a hash of each personal access token is kept.
      CREATE TABLE personal_access_tokens (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_date TEXT NOT NULL
      );

      CREATE TABLE picklists (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        type TEXT NOT NULL,
        is_suggested INTEGER NOT NULL DEFAULT 0,
        items TEXT NOT NULL
      );

      CREATE TABLE fields (
        reference_name TEXT PRIMARY KEY COLLATE NOCASE,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        type TEXT NOT NULL,
        usage TEXT NOT NULL DEFAULT 'workItem',
        description TEXT NOT NULL DEFAULT '',
        read_only INTEGER NOT NULL DEFAULT 0,
        is_identity INTEGER NOT NULL DEFAULT 0,
        picklist_id TEXT REFERENCES picklists(id),
        can_sort_by INTEGER NOT NULL DEFAULT 1,
        is_queryable INTEGER NOT NULL DEFAULT 1,
        is_locked INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE link_types (
        reference_name TEXT PRIMARY KEY COLLATE NOCASE,
        name TEXT NOT NULL,
        opposite_reference_name TEXT,
        topology TEXT,
        usage TEXT NOT NULL,
        is_directional INTEGER NOT NULL DEFAULT 0,
        is_acyclic INTEGER NOT NULL DEFAULT 0,
        is_single_target INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE processes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        reference_name TEXT,
        description TEXT NOT NULL DEFAULT '',
        parent_id TEXT REFERENCES processes(id),
        is_system INTEGER NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0,
        is_enabled INTEGER NOT NULL DEFAULT 1
      );

      CREATE TABLE work_item_types (
        process_id TEXT NOT NULL REFERENCES processes(id),
        reference_name TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL,
        icon TEXT NOT NULL,
        inherits TEXT,
        is_disabled INTEGER NOT NULL DEFAULT 0,
        customization TEXT NOT NULL,
        PRIMARY KEY (process_id, reference_name)
      );

      CREATE TABLE work_item_type_states (
        process_id TEXT NOT NULL,
        work_item_type TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL COLLATE NOCASE,
        category TEXT NOT NULL,
        color TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        PRIMARY KEY (process_id, work_item_type, name)
      );

      CREATE TABLE work_item_type_fields (
        process_id TEXT NOT NULL,
        work_item_type TEXT NOT NULL COLLATE NOCASE,
        field TEXT NOT NULL COLLATE NOCASE REFERENCES fields(reference_name),
        is_required INTEGER NOT NULL DEFAULT 0,
        is_read_only INTEGER NOT NULL DEFAULT 0,
        default_value TEXT,
        allowed_values TEXT,
        allow_groups INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (process_id, work_item_type, field)
      );

      CREATE TABLE work_item_type_categories (
        process_id TEXT NOT NULL,
        reference_name TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL,
        work_item_type TEXT NOT NULL COLLATE NOCASE,
        is_default INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (process_id, reference_name, work_item_type)
      );

      CREATE TABLE form_pages (
        process_id TEXT NOT NULL,
        work_item_type TEXT NOT NULL COLLATE NOCASE,
        id TEXT NOT NULL,
        label TEXT NOT NULL,
        page_type TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0,
        visible INTEGER NOT NULL DEFAULT 1,
        inherited INTEGER NOT NULL DEFAULT 0,
        contribution TEXT,
        PRIMARY KEY (process_id, work_item_type, id)
      );

      CREATE TABLE form_groups (
        process_id TEXT NOT NULL,
        work_item_type TEXT NOT NULL COLLATE NOCASE,
        id TEXT NOT NULL,
        page_id TEXT NOT NULL,
        section_id TEXT NOT NULL,
        label TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        visible INTEGER NOT NULL DEFAULT 1,
        height INTEGER,
        inherited INTEGER NOT NULL DEFAULT 0,
        contribution TEXT,
        PRIMARY KEY (process_id, work_item_type, id)
      );

      CREATE TABLE form_controls (
        process_id TEXT NOT NULL,
        work_item_type TEXT NOT NULL COLLATE NOCASE,
        group_id TEXT NOT NULL,
        id TEXT NOT NULL,
        label TEXT,
        control_type TEXT,
        sort_order INTEGER NOT NULL,
        visible INTEGER NOT NULL DEFAULT 1,
        read_only INTEGER NOT NULL DEFAULT 0,
        height INTEGER,
        metadata TEXT,
        watermark TEXT,
        inherited INTEGER NOT NULL DEFAULT 0,
        contribution TEXT,
        PRIMARY KEY (process_id, work_item_type, group_id, id)
      );

      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        process_id TEXT NOT NULL REFERENCES processes(id),
        revision INTEGER NOT NULL DEFAULT 1,
        last_update_time TEXT NOT NULL
      );

      CREATE TABLE project_properties (
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        value TEXT,
        PRIMARY KEY (project_id, name)
      );

      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0,
        UNIQUE (project_id, name)
      );

      -- Current state of each work item; fields holds every non-empty field as JSON.
      CREATE TABLE work_items (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        rev INTEGER NOT NULL,
        fields TEXT NOT NULL,
        is_deleted INTEGER NOT NULL DEFAULT 0
      );

      -- The same fields, one row each, for WIQL: value has no type affinity (integers, reals and
      -- ISO date strings compare as themselves) and compares text case-insensitively as WIQL does.
      CREATE TABLE work_item_field_values (
        work_item_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        value BLOB COLLATE NOCASE NOT NULL,
        PRIMARY KEY (work_item_id, field)
      ) WITHOUT ROWID;
      CREATE INDEX ix_work_item_field_values_lookup ON work_item_field_values (field, value);

      CREATE TABLE work_item_revisions (
        work_item_id INTEGER NOT NULL,
        rev INTEGER NOT NULL,
        changed_date TEXT NOT NULL,
        fields TEXT NOT NULL,
        PRIMARY KEY (work_item_id, rev)
      ) WITHOUT ROWID;

      -- Each link is stored from both ends (A Tested By B, B Tests A), as ADO shows it.
      CREATE TABLE work_item_relations (
        id INTEGER PRIMARY KEY,
        work_item_id INTEGER NOT NULL,
        rel TEXT NOT NULL,
        target_id INTEGER,
        url TEXT,
        attributes TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX ix_work_item_relations_item ON work_item_relations (work_item_id);
      CREATE INDEX ix_work_item_relations_rel ON work_item_relations (rel, work_item_id);
      CREATE UNIQUE INDEX ux_work_item_relations_link ON work_item_relations (work_item_id, rel, target_id) WHERE target_id IS NOT NULL;

      CREATE TABLE extension_documents (
        publisher TEXT NOT NULL COLLATE NOCASE,
        extension TEXT NOT NULL COLLATE NOCASE,
        scope_type TEXT NOT NULL COLLATE NOCASE,
        scope_value TEXT NOT NULL,
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        etag INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (publisher, extension, scope_type, scope_value, collection, id)
      );
    `,
  },
  {
    version: 2,
    description: "test management: configurations, plans, suites, suite test cases, points, runs, results, point outcome history",
    sql: `
      -- Column meanings, value sets and the invariants between these tables: devhost/store/testPlans.ts.
      CREATE TABLE test_configurations (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'Active' CHECK (state IN ('Active', 'Inactive')),
        variable_values TEXT NOT NULL DEFAULT '[]',
        UNIQUE (project_id, name)
      );

      CREATE TABLE test_plans (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        area_path TEXT NOT NULL,
        iteration TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'Active',
        start_date TEXT,
        end_date TEXT,
        owner_id TEXT REFERENCES users(id),
        root_suite_id INTEGER,
        revision INTEGER NOT NULL DEFAULT 1,
        created_date TEXT NOT NULL,
        updated_date TEXT NOT NULL,
        updated_by_id TEXT REFERENCES users(id)
      );
      CREATE INDEX ix_test_plans_project ON test_plans (project_id, id);

      CREATE TABLE test_suites (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES test_plans(id),
        parent_suite_id INTEGER REFERENCES test_suites(id),
        name TEXT NOT NULL,
        suite_type TEXT NOT NULL CHECK (suite_type IN ('staticTestSuite', 'requirementTestSuite', 'dynamicTestSuite')),
        requirement_id INTEGER,
        query_string TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'In Progress',
        inherit_default_configurations INTEGER NOT NULL DEFAULT 1,
        default_configuration_ids TEXT NOT NULL DEFAULT '[]',
        default_tester_ids TEXT NOT NULL DEFAULT '[]',
        revision INTEGER NOT NULL DEFAULT 1,
        last_updated_date TEXT NOT NULL,
        last_updated_by_id TEXT REFERENCES users(id),
        last_populated_date TEXT
      );
      CREATE INDEX ix_test_suites_plan ON test_suites (plan_id, parent_suite_id, sort_order);

      CREATE TABLE test_suite_test_cases (
        suite_id INTEGER NOT NULL REFERENCES test_suites(id),
        test_case_id INTEGER NOT NULL,
        sort_order INTEGER NOT NULL,
        added_date TEXT NOT NULL,
        PRIMARY KEY (suite_id, test_case_id)
      ) WITHOUT ROWID;
      CREATE INDEX ix_test_suite_test_cases_test_case ON test_suite_test_cases (test_case_id);

      CREATE TABLE test_points (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        plan_id INTEGER NOT NULL REFERENCES test_plans(id),
        suite_id INTEGER NOT NULL REFERENCES test_suites(id),
        test_case_id INTEGER NOT NULL,
        configuration_id INTEGER NOT NULL REFERENCES test_configurations(id),
        tester_id TEXT REFERENCES users(id),
        outcome TEXT NOT NULL DEFAULT 'None' CHECK (outcome IN ('Unspecified', 'None', 'Passed', 'Failed', 'Inconclusive', 'Timeout', 'Aborted', 'Blocked', 'NotExecuted', 'Warning', 'Error', 'NotApplicable', 'Paused', 'InProgress', 'NotImpacted')),
        state TEXT NOT NULL DEFAULT 'Ready' CHECK (state IN ('Ready', 'Completed', 'NotReady', 'InProgress')),
        last_run_id INTEGER,
        last_result_id INTEGER,
        last_result_state TEXT,
        last_result_completed_date TEXT,
        last_result_duration_ms INTEGER,
        last_run_by_id TEXT REFERENCES users(id),
        last_reset_to_active TEXT,
        comment TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1,
        created_date TEXT NOT NULL,
        last_updated_date TEXT NOT NULL,
        last_updated_by_id TEXT REFERENCES users(id),
        UNIQUE (suite_id, test_case_id, configuration_id)
      );
      CREATE INDEX ix_test_points_plan_suite ON test_points (plan_id, suite_id, id);
      CREATE INDEX ix_test_points_test_case ON test_points (test_case_id);

      CREATE TABLE test_runs (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        plan_id INTEGER REFERENCES test_plans(id),
        state TEXT NOT NULL CHECK (state IN ('NotStarted', 'InProgress', 'Completed', 'Aborted', 'Waiting', 'NeedsInvestigation')),
        is_automated INTEGER NOT NULL DEFAULT 0,
        owner_id TEXT REFERENCES users(id),
        iteration TEXT,
        comment TEXT NOT NULL DEFAULT '',
        error_message TEXT NOT NULL DEFAULT '',
        created_date TEXT NOT NULL,
        started_date TEXT,
        completed_date TEXT,
        last_updated_date TEXT NOT NULL,
        last_updated_by_id TEXT REFERENCES users(id),
        revision INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX ix_test_runs_plan ON test_runs (plan_id, id);

      CREATE TABLE test_results (
        run_id INTEGER NOT NULL REFERENCES test_runs(id),
        id INTEGER NOT NULL,
        project_id TEXT NOT NULL REFERENCES projects(id),
        point_id INTEGER REFERENCES test_points(id),
        plan_id INTEGER REFERENCES test_plans(id),
        suite_id INTEGER REFERENCES test_suites(id),
        test_case_id INTEGER NOT NULL,
        test_case_title TEXT NOT NULL DEFAULT '',
        configuration_id INTEGER REFERENCES test_configurations(id),
        priority INTEGER,
        outcome TEXT NOT NULL DEFAULT 'Unspecified' CHECK (outcome IN ('Unspecified', 'None', 'Passed', 'Failed', 'Inconclusive', 'Timeout', 'Aborted', 'Blocked', 'NotExecuted', 'Warning', 'Error', 'NotApplicable', 'Paused', 'InProgress', 'NotImpacted')),
        state TEXT NOT NULL DEFAULT 'Pending' CHECK (state IN ('Pending', 'Queued', 'InProgress', 'Paused', 'Completed')),
        run_by_id TEXT REFERENCES users(id),
        started_date TEXT,
        completed_date TEXT,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        error_message TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        created_date TEXT NOT NULL,
        last_updated_date TEXT NOT NULL,
        last_updated_by_id TEXT REFERENCES users(id),
        revision INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (run_id, id)
      );
      CREATE INDEX ix_test_results_point ON test_results (point_id, run_id, id);
      CREATE INDEX ix_test_results_test_case ON test_results (test_case_id);
      CREATE INDEX ix_test_results_completed ON test_results (completed_date);

      CREATE TABLE test_result_bugs (
        run_id INTEGER NOT NULL,
        result_id INTEGER NOT NULL,
        bug_id INTEGER NOT NULL,
        PRIMARY KEY (run_id, result_id, bug_id),
        FOREIGN KEY (run_id, result_id) REFERENCES test_results (run_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX ix_test_result_bugs_bug ON test_result_bugs (bug_id);

      CREATE TABLE test_point_history (
        id INTEGER PRIMARY KEY,
        point_id INTEGER NOT NULL REFERENCES test_points(id),
        changed_date TEXT NOT NULL,
        date_sk INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('Unspecified', 'None', 'Passed', 'Failed', 'Inconclusive', 'Timeout', 'Aborted', 'Blocked', 'NotExecuted', 'Warning', 'Error', 'NotApplicable', 'Paused', 'InProgress', 'NotImpacted')),
        run_id INTEGER,
        result_id INTEGER,
        changed_by_id TEXT REFERENCES users(id)
      );
      CREATE INDEX ix_test_point_history_point ON test_point_history (point_id, changed_date);
      CREATE INDEX ix_test_point_history_date ON test_point_history (date_sk, point_id);
    `,
  },
];
