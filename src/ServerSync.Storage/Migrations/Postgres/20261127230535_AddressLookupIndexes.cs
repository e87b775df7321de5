using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddressLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_lead_environmentid_emailaddress1",
                table: "lead");

            migrationBuilder.DropIndex(
                name: "IX_contact_environmentid_emailaddress1",
                table: "contact");

            migrationBuilder.DropIndex(
                name: "IX_account_environmentid_emailaddress1",
                table: "account");

            foreach (var sql in AddressIndexes.EnvironmentFirst.Create()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AddressIndexes.EnvironmentFirst.Drop()) migrationBuilder.Sql(sql);

            migrationBuilder.CreateIndex(
                name: "IX_lead_environmentid_emailaddress1",
                table: "lead",
                columns: new[] { "environmentid", "emailaddress1" });

            migrationBuilder.CreateIndex(
                name: "IX_contact_environmentid_emailaddress1",
                table: "contact",
                columns: new[] { "environmentid", "emailaddress1" });

            migrationBuilder.CreateIndex(
                name: "IX_account_environmentid_emailaddress1",
                table: "account",
                columns: new[] { "environmentid", "emailaddress1" });
        }
    }
}
