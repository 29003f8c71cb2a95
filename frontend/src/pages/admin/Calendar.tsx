export default function Calendar() {
  return <div>TODO Calendar</div>;
}
