using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServerSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SignInLockoutsAndSecurityStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "directoryuser",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "signinlockout",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FailureCount = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowStartedOn = table.Column<long>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signinlockout", x => x.UserName);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signinlockout");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "directoryuser");
        }
    }
}
