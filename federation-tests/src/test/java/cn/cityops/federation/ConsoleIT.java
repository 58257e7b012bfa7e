package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.municipal.demo.DemoCity;
import cn.cityops.municipal.demo.DemoLoad;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium against three real nodes (national 100000, 山西 140000, 朔州 140600, own
 * databases {@code cityops_console_*}) with a small demo city loaded into the municipal node: a validation error shown
 * next to its field, the grid map, the whole case loop clicked through by each role, statistics, and a national task
 * fed back from the city console. Assertions are on what the user sees. Screenshots of the main pages go to
 * {@code docs/screenshots/}.
 */
@Order(6)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final Path WORK = Path.of("target", "console").toAbsolutePath();
    static final Path SHOTS = TestFederation.ROOT.resolve("docs/screenshots");
    static final Duration DELIVERY = Duration.ofSeconds(90);
    static final String PASSWORD = "Demo-2026-cityops";
    static final int GRIDS = 120;
    static final Set<String> STAFF = Set.of("inspector001", "intake01", "shiftlead01", "dispatcher01", "leader01");

    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;
    static NodeProcess municipal;
    static WebDriver browser;
    static WebDriverWait wait;
    static long caseId;

    @BeforeAll
    static void start() throws Exception {
        federation = new TestFederation(WORK, "cityops_console_");
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, Map.of());
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        municipal = federation.start("municipal", "140600", provincial.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        browser = chromium();
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            n.awaitReady(Duration.ofMinutes(4));
        }
        federation.register(national, "140000", "山西省城市运行管理服务平台", provincial, "HTTP");
        federation.register(national, "140600", "朔州市城市运行管理服务平台", municipal, "HTTP");
        for (NodeProcess n : List.of(provincial, municipal)) {
            federation.awaitDirectory(n, 3, 3, DELIVERY, national, provincial, municipal);
        }
        Path city = WORK.resolve("demo-city");
        DemoCity.write(DemoCity.build(GRIDS, 0, 140600), city);
        Files.delete(city.resolve("components.geojson")); // none generated: the import refuses an empty collection
        new DemoLoad(municipal.baseUrl(), NodeContract.ADMIN_PASSWORD).load(city, PASSWORD,
                u -> STAFF.contains(u.getString("username")) || u.getString("username").startsWith("dept-"));
        user(national, "ministry", "部督查员张三", "ministry-supervisor");
        user(municipal, "taskhandler", "市任务办理员王五", "city-task-handler");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (NodeProcess n : new NodeProcess[] {municipal, provincial, national}) {
            if (n != null) {
                n.close();
            }
        }
    }

    /** Debian's chromium and chromium-driver (deploy/test.sh installs them), headless at 1366×768. */
    static WebDriver chromium() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver")).toFile())
                .build();
        ChromeDriver d = new ChromeDriver(service, o);
        wait = new WebDriverWait(d, Duration.ofSeconds(30));
        return d;
    }

    static void user(NodeProcess node, String name, String display, String role) {
        Http.Reply r = federation.admin(node).post("/api/admin/users", Json.createObjectBuilder()
                .add("username", name).add("displayName", display).add("password", PASSWORD)
                .add("roles", Json.createArrayBuilder().add(role)).build().toString());
        assertTrue(r.status() == 201 || r.status() == 200, r.toString());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static void login(NodeProcess node, String username) {
        browser.get(node.baseUrl() + "/console/#/login");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement f = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        f.findElement(By.name("username")).sendKeys(username);
        f.findElement(By.name("password")).sendKeys(PASSWORD);
        f.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), ""));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-page=home]")));
    }

    /** Shows a console route (reloads when it is already shown, so a poll sees fresh data). */
    static void open(NodeProcess node, String route) {
        String url = node.baseUrl() + "/console/#/" + route;
        if (url.equals(browser.getCurrentUrl())) {
            browser.navigate().refresh();
        } else {
            browser.get(url);
        }
    }

    static WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void shot(String name) throws Exception {
        Thread.sleep(300); // let Leaflet / Chart.js finish painting (no event for "painted")
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Opens the case as {@code user} and performs the action whose form has data-action={@code action}. */
    static void act(String user, String action, Map<String, String> inputs, String expectedState) {
        login(municipal, user);
        open(municipal, "case/" + caseId);
        WebElement form = visible(By.cssSelector("form.action-form[data-action=" + action + "]"));
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            WebElement in = form.findElement(By.name(e.getKey()));
            in.clear();
            in.sendKeys(e.getValue());
        }
        submit(form);
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), expectedState));
    }

    /** Submits a console form and waits for the page to confirm it; a problem the form shows fails the test. */
    static void submit(WebElement form) {
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> {
            try {
                String error = form.findElement(By.cssSelector(".form-error")).getText();
                assertTrue(error.isEmpty(), "the form shows: " + error);
                return !d.findElements(By.id("flash")).isEmpty() || !d.getCurrentUrl().contains("#/report")
                        && !d.getCurrentUrl().contains("/new");
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true; // the page was re-rendered after success
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void aValidationErrorAppearsNextToTheField() throws Exception {
        browser.get(municipal.baseUrl() + "/console/#/login");
        WebElement f = visible(By.id("login-form"));
        f.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement err = visible(By.cssSelector("#login-form .field[data-field=username] .field-error"));
        assertEquals("required", err.getText());
        shot("login");

        login(municipal, "inspector001");
        assertEquals("监督员", browser.findElement(By.id("user-roles")).getAttribute("textContent"));
        assertTrue(browser.findElement(By.id("user-node")).getAttribute("textContent").contains("140600"));
        open(municipal, "report");
        WebElement report = visible(By.id("report-form"));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("report-map")), "data-grids"));
        report.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement desc = visible(By.cssSelector("#report-form .field[data-field=description] .field-error"));
        assertTrue(desc.getText().contains("问题描述必填"), desc.getText());
        assertTrue(visible(By.cssSelector("#report-form .field[data-field=lon] .field-error")).getText()
                .contains("位置必填"));
        shot("report-validation");
    }

    @Test
    @Order(2)
    void theMapShowsTheDemoGrid() throws Exception {
        login(municipal, "leader01");
        open(municipal, "map");
        WebElement map = visible(By.id("grid-map"));
        wait.until(ExpectedConditions.attributeToBe(map, "data-grids", String.valueOf(GRIDS)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-info"), GRIDS + " 个单元网格"));
        assertFalse(map.findElements(By.cssSelector(".leaflet-overlay-pane canvas, .leaflet-overlay-pane path"))
                .isEmpty(), "grid polygons drawn");
        shot("grid-map");
    }

    @Test
    @Order(3)
    void eachRoleCompletesTheCaseLoop() throws Exception {
        // the inspector reports at phone width: matter, description, a point picked on the map, a photo
        login(municipal, "inspector001");
        browser.manage().window().setSize(new Dimension(390, 844));
        open(municipal, "report");
        WebElement form = visible(By.id("report-form"));
        WebElement map = browser.findElement(By.id("report-map"));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(map, "data-grids"));
        new Select(form.findElement(By.name("matter"))).selectByValue("06010");
        form.findElement(By.name("description")).sendKeys("人行道暴露垃圾（浏览器测试）");
        form.findElement(By.name("address")).sendKeys("朔城区民福街");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
        new Actions(browser).moveToElement(map).click().perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-where"), "网格"));
        Path photo = WORK.resolve("photo.png");
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(8, 8, 40, 30);
        g.dispose();
        ImageIO.write(img, "png", photo.toFile());
        form.findElement(By.cssSelector("input[type=file]")).sendKeys(photo.toString());
        shot("report-phone");
        submit(form);
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), "待受理"));
        caseId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*#/case/", ""));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".photos img")));
        browser.manage().window().setSize(new Dimension(1366, 768));

        // the intake operator finds it in the workbench queue and accepts it
        login(municipal, "intake01");
        open(municipal, "cases");
        visible(By.xpath("//table//a[@href='#/case/" + caseId + "']"));
        shot("workbench");
        act("intake01", "accept", Map.of(), "待立案");
        act("shiftlead01", "file", Map.of(), "待派遣");

        // the dispatcher sees the routed department preselected (the grid's responsible 综合行政执法队)
        login(municipal, "dispatcher01");
        open(municipal, "case/" + caseId);
        WebElement dispatch = visible(By.cssSelector("form.action-form[data-action=dispatch]"));
        WebElement dept = dispatch.findElement(By.name("department"));
        wait.until(d -> !new Select(dept).getFirstSelectedOption().getAttribute("value").isEmpty());
        String department = new Select(dept).getFirstSelectedOption().getAttribute("value");
        assertTrue(new Select(dept).getFirstSelectedOption().getText().contains("推荐"));
        shot("case-dispatch");
        submit(dispatch);
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), "处置中"));

        act("dept-" + department, "feedback", Map.of("result", "已清理完毕"), "待派发核查");
        act("intake01", "send_check", Map.of("inspector", "inspector001"), "核查中");
        act("inspector001", "pass", Map.of(), "待结案");
        act("shiftlead01", "close", Map.of(), "已结案");
        List<WebElement> history = browser.findElements(By.cssSelector("#case-history li"));
        assertTrue(history.size() >= 7, "history of the loop: " + history.size());
        assertTrue(browser.findElement(By.id("case-actions")).getText().contains("没有"));
        shot("case-closed");
    }

    @Test
    @Order(4)
    void theLeaderReadsStatisticsAndTheHome() throws Exception {
        login(municipal, "leader01");
        shot("home-leader");
        open(municipal, "stats");
        WebElement form = visible(By.id("stats-form"));
        new Select(form.findElement(By.name("by"))).selectByValue("status");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats-table"), "已结案"));
        visible(By.id("stats-csv"));
        shot("statistics");
        open(municipal, "exchange");
        WebElement peers = visible(By.id("peers"));
        assertTrue(peers.getText().contains("140000"), peers.getText());
        shot("exchange");
    }

    @Test
    @Order(5)
    void aNationalTaskIsFedBackFromTheCityConsole() throws Exception {
        login(national, "ministry");
        open(national, "tasks/new");
        WebElement form = visible(By.id("task-form"));
        // a validation problem from the server appears next to its field
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertTrue(visible(By.cssSelector("#task-form .field[data-field=title] .field-error")).isDisplayed());
        form.findElement(By.name("title")).sendKeys("城市道路井盖专项整治（控制台）");
        form.findElement(By.name("content")).sendKeys("排查并整治破损、缺失井盖。");
        form.findElement(By.name("timeLimit")).sendKeys("10工作日");
        form.findElement(By.cssSelector("input[name=targets][value='140600']")).click();
        shot("task-new");
        submit(form);
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), "已下发"));
        String nationalTask = browser.getCurrentUrl().replaceAll(".*#/task/", "");

        // and a notice to the same city, asking for a read receipt
        open(national, "notices/new");
        WebElement notice = visible(By.id("notice-form"));
        notice.findElement(By.name("title")).sendKeys("关于井盖整治工作的情况通报");
        notice.findElement(By.name("content")).sendKeys("各地要对照问题清单逐项整改。");
        notice.findElement(By.cssSelector("input[name=targets][value='140600']")).click();
        submit(notice);
        visible(By.id("notice-reads"));
        String nationalNotice = browser.getCurrentUrl().replaceAll(".*#/notice/", "");

        // the city's task handler finds it (delivered through the province) and feeds it back as completed
        login(municipal, "taskhandler");
        WebDriverWait slow = new WebDriverWait(browser, DELIVERY, Duration.ofSeconds(2));
        slow.until(d -> {
            open(municipal, "tasks");
            return !d.findElements(By.xpath("//table//a[contains(., '井盖专项整治')]")).isEmpty();
        });
        browser.findElement(By.xpath("//table//a[contains(., '井盖专项整治')]")).click();
        WebElement ack = visible(By.id("ack-form"));
        submit(ack);
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), "已签收"));
        WebElement fb = visible(By.id("feedback-form"));
        new Select(fb.findElement(By.name("kind"))).selectByValue("COMPLETION");
        fb.findElement(By.name("percent")).sendKeys("100");
        fb.findElement(By.name("text")).sendKeys("已整治井盖 42 处。");
        shot("task-feedback");
        submit(fb);
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), "已完成"));

        // the notice arrives unread; opening it records the reading
        slow.until(d -> {
            open(municipal, "notices");
            return !d.findElements(By.xpath("//table//tr[contains(., '情况通报') and contains(., '未读')]")).isEmpty();
        });
        shot("notices-received");
        browser.findElement(By.xpath("//table//a[contains(., '情况通报')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "市任务办理员王五"));

        // the ministry's roll-up shows the city at 100 %, and its notice as read
        login(national, "ministry");
        slow.until(d -> {
            open(national, "notice/" + nationalNotice);
            return d.findElement(By.id("notice-reads")).getText().contains("已读");
        });
        shot("notice-reads");
        slow.until(d -> {
            open(national, "task/" + nationalTask);
            List<WebElement> cell = d.findElements(By.cssSelector("#rollup tr[data-node='140600'] td.percent"));
            return !cell.isEmpty() && cell.get(0).getText().equals("100%");
        });
        shot("task-rollup");
    }
}
