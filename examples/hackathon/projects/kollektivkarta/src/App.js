import { useEffect, useState } from "react";

export default function App() {
  const [stops, setStops] = useState([]);
  useEffect(() => {
    fetch("/stops.json").then((r) => r.json()).then(setStops);
  }, []);
  return <ul>{stops.map((s) => <li key={s.id}>{s.name}</li>)}</ul>;
}
