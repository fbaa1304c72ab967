using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicHall.Booking.Migrations
{
    /// <inheritdoc />
    public partial class ReleaseFunctionsAndCallNextByIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // How a place and a unit of quota are given back: one home (Bookings/Sql), called by BookingPlaces and booking_reschedule.
            migrationBuilder.ApplySqlFunction("booking_release_place", "d2f620434a85");
            migrationBuilder.ApplySqlFunction("booking_release_quota", "5f53c4f886ea");
            migrationBuilder.ApplySqlFunction("booking_reschedule", "c5d8f4a7dd10");

            // The next ticket by the queue's index, a row or two, rather than the whole queue joined and sorted; the window and day
            // from the booking catalog, checked against its version (a new argument: the old signature is dropped, not overloaded).
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS booking_call_next(text, date, text, text, text, text, timestamptz);");
            migrationBuilder.ApplySqlFunction("booking_call_next", "89df063ed105");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier bodies of booking_reschedule and booking_call_next are not kept (README "Migrations"): a roll-back
            // below this migration drops them with the migrations that created them.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS booking_release_place, booking_release_quota;");
        }
    }
}
