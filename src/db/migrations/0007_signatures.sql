CREATE TABLE "offer_signatures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"signer" text NOT NULL,
	"signer_name" text NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"drawn_sha256" text,
	"auth_method" text NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"consent_version" text,
	"consent_sha256" text,
	"signed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidate_links" ADD COLUMN "code_hash" text;--> statement-breakpoint
ALTER TABLE "candidate_links" ADD COLUMN "code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "candidate_links" ADD COLUMN "code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "offer_signatures" ADD CONSTRAINT "offer_signatures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_signatures" ADD CONSTRAINT "offer_signatures_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_signatures" ADD CONSTRAINT "offer_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "offer_signatures_signer_key" ON "offer_signatures" USING btree ("offer_id","version_number","signer");--> statement-breakpoint
CREATE TRIGGER offer_signatures_append_only BEFORE UPDATE OR DELETE ON offer_signatures
  FOR EACH ROW EXECUTE FUNCTION offerline_refuse_change();
