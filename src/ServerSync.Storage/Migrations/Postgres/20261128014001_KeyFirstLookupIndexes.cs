using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeyFirstLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_email_environmentid_conversationindex",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_email_environmentid_messageiddupcheck",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_email_environmentid_trackingtoken",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_activityparty_environmentid_addressused",
                table: "activityparty");

            migrationBuilder.CreateIndex(
                name: "IX_queueitem_objectid",
                table: "queueitem",
                column: "objectid");

            migrationBuilder.CreateIndex(
                name: "IX_email_conversationindex_environmentid",
                table: "email",
                columns: new[] { "conversationindex", "environmentid" });

            migrationBuilder.CreateIndex(
                name: "IX_email_messageiddupcheck_environmentid",
                table: "email",
                columns: new[] { "messageiddupcheck", "environmentid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_email_trackingtoken_environmentid",
                table: "email",
                columns: new[] { "trackingtoken", "environmentid" });

            migrationBuilder.CreateIndex(
                name: "IX_activityparty_addressused_environmentid",
                table: "activityparty",
                columns: new[] { "addressused", "environmentid" });

            foreach (var sql in AddressIndexes.EnvironmentFirst.Drop()) migrationBuilder.Sql(sql);
            foreach (var sql in AddressIndexes.AddressFirst.Create()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AddressIndexes.AddressFirst.Drop()) migrationBuilder.Sql(sql);
            foreach (var sql in AddressIndexes.EnvironmentFirst.Create()) migrationBuilder.Sql(sql);

            migrationBuilder.DropIndex(
                name: "IX_queueitem_objectid",
                table: "queueitem");

            migrationBuilder.DropIndex(
                name: "IX_email_conversationindex_environmentid",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_email_messageiddupcheck_environmentid",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_email_trackingtoken_environmentid",
                table: "email");

            migrationBuilder.DropIndex(
                name: "IX_activityparty_addressused_environmentid",
                table: "activityparty");

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_conversationindex",
                table: "email",
                columns: new[] { "environmentid", "conversationindex" });

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_messageiddupcheck",
                table: "email",
                columns: new[] { "environmentid", "messageiddupcheck" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_email_environmentid_trackingtoken",
                table: "email",
                columns: new[] { "environmentid", "trackingtoken" });

            migrationBuilder.CreateIndex(
                name: "IX_activityparty_environmentid_addressused",
                table: "activityparty",
                columns: new[] { "environmentid", "addressused" });
        }
    }
}
