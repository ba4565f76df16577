CREATE TABLE "presence_leases" (
	"instance_name" text NOT NULL,
	"member_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"renewed_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "presence_leases_instance_name_member_id_pk" PRIMARY KEY("instance_name","member_id")
);
--> statement-breakpoint
CREATE INDEX "presence_leases_member" ON "presence_leases" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "presence_leases_expires" ON "presence_leases" USING btree ("expires_at");