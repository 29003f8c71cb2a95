export default function MonthlyReports() {
  return <div>TODO MonthlyReports</div>;
}
