CREATE TABLE "field_definition_retirements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"definition_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"forced" boolean NOT NULL,
	"reason" text,
	"used_by" jsonb NOT NULL,
	"retired_by" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_definition_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"definition_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_definitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"business_unit_id" uuid,
	"key" text NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"retired_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "field_definition_retirements" ADD CONSTRAINT "field_definition_retirements_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definition_retirements" ADD CONSTRAINT "field_definition_retirements_definition_id_field_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."field_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definition_retirements" ADD CONSTRAINT "field_definition_retirements_retired_by_users_id_fk" FOREIGN KEY ("retired_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definition_versions" ADD CONSTRAINT "field_definition_versions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definition_versions" ADD CONSTRAINT "field_definition_versions_definition_id_field_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."field_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definition_versions" ADD CONSTRAINT "field_definition_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD CONSTRAINT "field_definitions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD CONSTRAINT "field_definitions_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD CONSTRAINT "field_definitions_retired_by_users_id_fk" FOREIGN KEY ("retired_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "field_definition_retirements_definition_key" ON "field_definition_retirements" USING btree ("definition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "field_definition_versions_number_key" ON "field_definition_versions" USING btree ("definition_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "field_definitions_scope_key" ON "field_definitions" USING btree ("org_id",coalesce("business_unit_id", '00000000-0000-0000-0000-000000000000'::uuid),"key");--> statement-breakpoint
CREATE TRIGGER field_definition_versions_immutable BEFORE UPDATE OR DELETE ON field_definition_versions
  FOR EACH ROW EXECUTE FUNCTION offerline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER field_definition_retirements_append_only BEFORE UPDATE OR DELETE ON field_definition_retirements
  FOR EACH ROW EXECUTE FUNCTION offerline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER field_definition_versions_no_truncate BEFORE TRUNCATE ON field_definition_versions
  FOR EACH STATEMENT EXECUTE FUNCTION offerline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER field_definition_retirements_no_truncate BEFORE TRUNCATE ON field_definition_retirements
  FOR EACH STATEMENT EXECUTE FUNCTION offerline_refuse_change();
