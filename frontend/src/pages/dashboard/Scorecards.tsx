export default function Scorecards() {
  return <div>TODO Scorecards</div>;
}
