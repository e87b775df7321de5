using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AttachmentBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Stored bodies were base64 text: decode them in place (EF's generated ALTER has no USING clause). The API only
            // stored valid base64; anything else is kept as its text's bytes rather than failing the upgrade.
            migrationBuilder.Sql("""
                ALTER TABLE activitymimeattachment ALTER COLUMN body TYPE bytea USING
                    CASE WHEN length(body) % 4 = 0 AND body ~ '^[A-Za-z0-9+/]*={0,2}$' THEN decode(body, 'base64') ELSE convert_to(body, 'UTF8') END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // encode() breaks lines every 76 characters; Dataverse's base64 has none.
            migrationBuilder.Sql("ALTER TABLE activitymimeattachment ALTER COLUMN body TYPE text USING translate(encode(body, 'base64'), E'\\n', '');");
        }
    }
}
